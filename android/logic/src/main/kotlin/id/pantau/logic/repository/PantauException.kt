/**
 * The error kinds the UI acts on (architecture.md "Errors"): the adapter over the bindings maps the
 * generated uniffi exceptions onto these, in one place. Messages are ready to show, bilingual, and
 * carry no personal data.
 */
package id.pantau.logic.repository

import id.pantau.logic.model.LocalText

sealed class PantauException(val text: LocalText) : Exception(text.en) {
    /** Refused input; [field] is the form field to highlight, [rule] the rule id. */
    class InvalidInput(val field: String?, val rule: String, text: LocalText) : PantauException(text)
    class NotFound(text: LocalText) : PantauException(text)
    class Storage(text: LocalText) : PantauException(text)
    class BundleRejected(text: LocalText) : PantauException(text)
    class NewerDatabase(text: LocalText) : PantauException(text)
}
