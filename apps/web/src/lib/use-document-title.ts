import { PRODUCT_NAME } from '@webinar/contracts';
import { useEffect } from 'react';

/** Sets the tab's title to "<title> · <product>" while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [title]);
}
