// fontkit ships no types; we use only `create`, and reach its WOFF2 internals through our own interface (woff2.ts).
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}
