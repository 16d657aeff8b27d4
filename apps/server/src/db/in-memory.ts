/** DATA_DIR=memory:// keeps the embedded database in memory: a throwaway server, gone at exit. */
export function isInMemory(dataDir: string): boolean {
  return dataDir.startsWith('memory://');
}
