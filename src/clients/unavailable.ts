/** A client that cannot be had on this machine: the run cannot be carried out (exit 3), with the fix. */
export class ClientUnavailable extends Error {
  readonly hint: string;
  constructor(message: string, hint: string) {
    super(message);
    this.name = 'ClientUnavailable';
    this.hint = hint;
  }
}
