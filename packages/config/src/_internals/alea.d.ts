// seedrandom ships each generator as its own CommonJS module; importing only Alea keeps
// the other six generators (and the ARC4 default) out of every bundle that uses config.
declare module 'seedrandom/lib/alea.js' {
  interface AleaPrng {
    (): number;
  }
  function alea(seed: string): AleaPrng;
  export default alea;
}
