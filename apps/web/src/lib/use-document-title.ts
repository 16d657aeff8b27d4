import { useEffect } from 'react';

const APP_NAME = 'Webinar Hub';

/** Sets the tab's title to "<title> · Webinar Hub" while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
