/**
 * Focus for an inline confirmation (role alertdialog): into it when it opens (its confirm button),
 * back to the button that opened it when it is cancelled (WAI-ARIA APG "Alert and Message
 * Dialogs"), so keyboard and screen-reader users are not left on a button that disappeared.
 */
import { useEffect, useRef } from 'react';

export function useConfirmFocus(open: boolean) {
  const opener = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) confirm.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { opener, confirm };
}
