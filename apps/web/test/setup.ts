import '@testing-library/jest-dom/vitest';
import { Buffer } from 'node:buffer';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom puts its own realm's Uint8Array and ArrayBuffer on the global object. The server under test
// runs in this same process, and Node's crypto (jose signing tokens) rejects byte arrays that are
// not Node's own: give the global back Node's constructors, which Buffer is built on.
globalThis.Uint8Array = Object.getPrototypeOf(Buffer.prototype).constructor;
globalThis.ArrayBuffer = Buffer.alloc(1).buffer.constructor as ArrayBufferConstructor;

afterEach(() => cleanup());
