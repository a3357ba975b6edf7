/**
 * A refusal of a domain computation's input: an English `code`, the `field` at fault and a French `message`
 * (from a catalogue). Each domain narrows the codes (AreaInputError, BasinInputError); services map it to the
 * one API error shape `{ code, message, details: { field } }`.
 */
export class DomainInputError<Code extends string = string> extends Error {
  constructor(readonly code: Code, readonly field: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}
