import { COMPOSE_FILES_MAX, COMPOSE_TEXT_MAX_CHARS, PATH_MAX_CHARS } from '../../shared/stacks'

/**
 * The largest WebSocket message a valid call can need, from the contract's own limits: a stack
 * source of COMPOSE_FILES_MAX files, each a text and a path at their limits. zod counts UTF-16 code
 * units; in JSON each unit a YAML text may hold (printable characters, tab, LF, CR) takes at most
 * three bytes (a BMP character in UTF-8; half a surrogate pair is two of a four-byte character;
 * tab, LF and CR escape to two). Anything larger cannot be a valid call and ends the connection with
 * 1009 before it is buffered.
 */
const JSON_BYTES_PER_CHAR = 3
/** `{"path":"","text":""},` and the like around each file */
const PER_FILE_SYNTAX_BYTES = 64
/** the envelope and the rest of the largest input: cluster id, stack name, options, variables */
const ENVELOPE_ALLOWANCE_BYTES = 1024 * 1024

export const maxMessageBytes =
  COMPOSE_FILES_MAX * (JSON_BYTES_PER_CHAR * (COMPOSE_TEXT_MAX_CHARS + PATH_MAX_CHARS) + PER_FILE_SYNTAX_BYTES) + ENVELOPE_ALLOWANCE_BYTES
