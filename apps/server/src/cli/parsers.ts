// Option parsers for commander: a bad value stops before any database work, with commander's
// usual "error: option '--x <n>' argument 'abc' is invalid. <reason>" line.
import { InvalidArgumentError } from 'commander';

export function positiveInteger(raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new InvalidArgumentError('Expected a whole number of at least 1.');
  }
  return Number(raw);
}

export function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new InvalidArgumentError('Expected a non-empty value.');
  return raw;
}
