/** An IAM error answer: code, HTTP status and message, as the awsQuery error body carries them. */
export class IamError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, status: number, message: string) {
    super(message);
    this.name = 'IamError';
    this.code = code;
    this.status = status;
  }
}

export const noSuchUser = (name: string) => new IamError('NoSuchEntity', 404, `The user with name ${name} cannot be found.`);
export const noLoginProfile = (name: string) => new IamError('NoSuchEntity', 404, `Login Profile for User ${name} cannot be found.`);
