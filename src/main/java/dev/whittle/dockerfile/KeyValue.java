package dev.whittle.dockerfile;

/**
 * One pair of an {@code ENV} or {@code LABEL} instruction, as written (quotes and escapes still in place).
 *
 * @param key       the name
 * @param value     the raw value
 * @param separator {@code "="} for the {@code k=v} form, {@code ""} for the legacy {@code k v} form
 */
public record KeyValue(String key, String value, String separator) {

    /** True for the legacy {@code ENV key value} form. */
    public boolean legacy() {
        return separator.isEmpty();
    }
}
