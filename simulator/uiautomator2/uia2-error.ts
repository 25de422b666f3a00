/**
 * Errors as the UiAutomator2 server reports them: a W3C error string, an HTTP status and a message, rendered as
 * `{"sessionId":…,"value":{"error","message","stacktrace"}}` (AppiumResponse / ErrorModel in appium-uiautomator2-server).
 */
export class Uia2Error extends Error {
  readonly error: string;
  readonly status: number;

  constructor(error: string, status: number, message: string) {
    super(message);
    this.name = 'Uia2Error';
    this.error = error;
    this.status = status;
  }
}

export function noSuchElement(message = 'An element could not be located on the page using the given search parameters'): Uia2Error {
  return new Uia2Error('no such element', 404, message);
}

export function staleElement(message = 'The referenced element is no longer attached to the DOM'): Uia2Error {
  return new Uia2Error('stale element reference', 404, message);
}

export function invalidSelector(message: string): Uia2Error {
  return new Uia2Error('invalid selector', 400, message);
}

export function invalidArgument(message = 'The arguments passed to the command are either invalid or malformed'): Uia2Error {
  return new Uia2Error('invalid argument', 400, message);
}

export function invalidSession(sessionId: string | undefined): Uia2Error {
  return new Uia2Error('invalid session id', 404, `The session identified by ${sessionId ?? 'null'} is not known`);
}

export function unknownCommand(message = 'The requested resource could not be found, or a request was received using an HTTP method that is not supported by the mapped resource'): Uia2Error {
  return new Uia2Error('unknown command', 404, message);
}

export function invalidElementState(message: string): Uia2Error {
  return new Uia2Error('invalid element state', 400, message);
}

export function noSuchAlert(): Uia2Error {
  return new Uia2Error('no such alert', 404, 'No alert is present on the screen');
}
