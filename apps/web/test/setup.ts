import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../src/lib/i18n.ts';
import { forgetUnreadVersion } from '../src/features/notifications/api/unread-version.ts';

// findBy* and waitFor wait for the real server: on a busy machine a screen's first answers can
// take longer than the library's one second.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  // Test files share modules (isolate: false) and each has its own server, whose versions restart.
  forgetUnreadVersion();
});
