/**
 * A problem in a spec file, located precisely enough to fix without a debugger:
 * the file, the JSON pointer inside it, and the line and column when the YAML gives them.
 */
export class SpecError extends Error {
  readonly file: string;
  readonly pointer: string;
  readonly line?: number;
  readonly column?: number;

  constructor(file: string, pointer: string, message: string, position?: { line: number; column: number }) {
    super(message);
    this.name = 'SpecError';
    this.file = file;
    this.pointer = pointer;
    this.line = position?.line;
    this.column = position?.column;
  }

  /** `specs/iam/X.yaml:12:5 at /scenarios/3/id: must match pattern ...` */
  format(): string {
    const where = this.line ? `${this.file}:${this.line}:${this.column ?? 1}` : this.file;
    const at = this.pointer ? ` at ${this.pointer}` : '';
    return `${where}${at}: ${this.message}`;
  }
}

/** Several spec problems reported together, so one run shows them all. */
export class SpecErrors extends Error {
  readonly errors: SpecError[];
  constructor(errors: SpecError[]) {
    super(errors.map((e) => e.format()).join('\n'));
    this.name = 'SpecErrors';
    this.errors = errors;
  }
}
