// UTF-8 text ⇄ bytes for HTTP bodies, with the codecs made on first use (a module that only imports
// this works where TextDecoder arrives later, e.g. a test environment that installs it).
let decoder: TextDecoder | undefined;
let encoder: TextEncoder | undefined;

/** Bytes → text as Response.text() gives it (invalid sequences → U+FFFD, a leading BOM dropped). */
export function decodeUtf8(bytes: Uint8Array): string {
  decoder ??= new TextDecoder();
  return decoder.decode(bytes);
}

export function encodeUtf8(text: string): Uint8Array {
  encoder ??= new TextEncoder();
  return encoder.encode(text);
}
