import { twMerge } from 'tailwind-merge';

/**
 * Joins class names, skipping the falsy ones, and lets a later Tailwind class override an earlier
 * conflicting one (`px-2` then `px-4` keeps `px-4`), whatever their order in the stylesheet.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return twMerge(classes);
}
