export const chromium: string | undefined;
export const headlessShell: string | undefined;
