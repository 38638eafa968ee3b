// The deck's listener bookkeeping: every listener a controller adds goes through one of these,
// so its unbind() removes them all (and Deck.destroy() leaves nothing behind).
export class Listeners {
  constructor() {
    this._offs = [];
  }

  /** target.addEventListener(type, fn, options), remembered for off(); returns fn. */
  on(target, type, fn, options) {
    target.addEventListener(type, fn, options);
    this._offs.push(() => target.removeEventListener(type, fn, options));
    return fn;
  }

  /** Removes every listener added since the last off(). */
  off() {
    for (const off of this._offs.splice(0).reverse()) off();
  }
}
