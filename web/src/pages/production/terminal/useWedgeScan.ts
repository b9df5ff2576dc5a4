import { useEffect, useRef, type RefObject } from 'react';

/** A pause longer than this ends a burst; a scanner's keystrokes average under SCAN_AVERAGE_MS apart, a person's well over. */
const BURST_GAP_MS = 120;
const SCAN_AVERAGE_MS = 45;
const MIN_SCAN_LENGTH = 4;

const isEditable = (element: HTMLElement) => element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName);

/**
 * Keeps a keyboard-wedge scanner's scans (fast text ending in Enter) going to the scan field
 * wherever the focus is: typing on the page outside a field moves into the scan field; a burst
 * typed into another field (the quantity) is taken out of it and handed to onScan. Dialogs
 * (the over-consumption reason) keep their keystrokes.
 */
export function useWedgeScan(scanRef: RefObject<HTMLInputElement | null>, onScan: (text: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    let buffer = '';
    let started = 0;
    let last = 0;
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const scan = scanRef.current;
      if (!scan || !target || target === scan || target.closest('[role="dialog"]') || event.ctrlKey || event.metaKey || event.altKey) return;
      const now = event.timeStamp;
      if (now - last > BURST_GAP_MS) {
        buffer = '';
        started = now;
      }
      last = now;
      if (!isEditable(target)) {
        // The character lands where the focus is after keydown: in the scan field.
        if (event.key.length === 1) {
          scan.focus();
          scan.select();
        }
        return;
      }
      if (event.key.length === 1) buffer += event.key;
      else if (event.key === 'Enter' && buffer.length >= MIN_SCAN_LENGTH && (now - started) / buffer.length < SCAN_AVERAGE_MS) {
        event.preventDefault();
        event.stopPropagation();
        const text = buffer;
        buffer = '';
        scan.focus();
        handler.current(text);
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [scanRef, enabled]);
}
