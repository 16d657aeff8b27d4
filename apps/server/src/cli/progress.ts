// A progress bar for long commands. On a terminal it redraws one line in place; in a log file or
// a pipe, where "\r" would leave a mess, it prints a plain line at every tenth of the work.

export interface ProgressBar {
  update(done: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

export interface ProgressOptions {
  unit?: string;
  stream?: NodeJS.WriteStream;
  width?: number;
}

/** `[#####.....] 45% 225000/500000 rows` */
export function renderProgress(done: number, total: number, width = 30, unit = 'rows'): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const percent = Math.floor(fraction * 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${done}/${total} ${unit}`;
}

/** Terminal redraws are throttled: drawing on every row of a fast loop would slow it down. */
const REDRAW_INTERVAL_MS = 100;
const PLAIN_STEPS = 10;

export function createProgressBar(total: number, options: ProgressOptions = {}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const width = options.width ?? 30;
  const unit = options.unit ?? 'rows';
  const render = (done: number) => renderProgress(done, total, width, unit);
  let current = 0;

  if (stream.isTTY) {
    let lastDraw = 0;
    const draw = () => {
      // \x1b[K clears what a longer previous line left to the right.
      stream.write(`\r${render(current)}\x1b[K`);
      lastDraw = Date.now();
    };
    draw();
    return {
      update(done) {
        current = done;
        if (Date.now() - lastDraw >= REDRAW_INTERVAL_MS) draw();
      },
      finish() {
        draw();
        stream.write('\n');
      },
    };
  }

  let lastStep = -1;
  return {
    update(done) {
      current = done;
      const step = total > 0 ? Math.floor((done / total) * PLAIN_STEPS) : PLAIN_STEPS;
      if (step > lastStep && step < PLAIN_STEPS) {
        lastStep = step;
        stream.write(`${render(done)}\n`);
      }
    },
    finish() {
      stream.write(`${render(current)}\n`);
    },
  };
}
