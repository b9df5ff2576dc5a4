/** A GS1 element string that cannot be read or written; `element` names the AI at fault. */
export class Gs1Error extends Error {
  constructor(
    readonly element: string,
    message: string,
  ) {
    super(message);
    this.name = 'Gs1Error';
  }
}
