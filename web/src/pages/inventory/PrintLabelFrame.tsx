/**
 * Prints a plate's label without leaving the page (and without a pop-up a browser would block
 * after an answer arrives): the label page loads in a hidden frame and prints itself (?print=1).
 */
export function PrintLabelFrame({ licensePlateId }: { licensePlateId: string }) {
  return (
    <iframe
      src={`/labels/${licensePlateId}?print=1`}
      title="label"
      aria-hidden
      tabIndex={-1}
      style={{ position: 'fixed', width: 0, height: 0, border: 0, left: -10, top: -10 }}
      data-testid="auto-print-label"
    />
  );
}
