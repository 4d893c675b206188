import { ValidateBy, type ValidationOptions } from 'class-validator';

// NUL cannot be stored in PostgreSQL text; a lone surrogate is no Unicode text at all.
// eslint-disable-next-line no-control-regex -- matching the NUL control character is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True for a string PostgreSQL can store as UTF-8 text: no NUL characters, no lone surrogates. */
export const isSafeText = (value: string): boolean => !UNSAFE.test(value);

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Safe text on one line: no control characters (C0, DEL, C1) either. */
export const isPrintableText = (value: string): boolean => !CONTROL.test(value) && isSafeText(value);

/** A string PostgreSQL can store as UTF-8 text: no NUL characters, no lone surrogates. */
export function IsSafeText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSafeText',
      validator: {
        validate: (value: unknown) =>
          (Array.isArray(value) ? value : [value]).every((item) => typeof item !== 'string' || isSafeText(item)),
        defaultMessage: (args) => `${args?.property} must not contain NUL characters or unpaired surrogates`,
      },
    },
    options,
  );
}
