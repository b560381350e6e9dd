// Tests read the `message` of values and errors the way an edge does (the dispatcher, the CLI),
// so they load the English wording an edge loads (src/main/i18n/words.ts says why).
import '../../src/main/i18n/english'
