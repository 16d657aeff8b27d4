// Every language of the interface, one line each: a folder with the same files and keys as en/.
export { default as en } from './en/index.ts';
