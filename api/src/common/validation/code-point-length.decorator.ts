import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A string of min..max Unicode code points — what PostgreSQL's `varchar(n)` counts. class-validator's
 * `Length` does not: it leaves variation selectors and other presentation marks out, so 150 "❤️"
 * (300 code points) passed a 200 limit and reached the column as a 500.
 */
export function CodePointLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'codePointLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = [...value].length;
          return length >= min && length <= max;
        },
        defaultMessage: (args) =>
          `${args?.property} must be ${min === max ? max : `${min} to ${max}`} characters long${options?.each ? ' each' : ''}`,
      },
    },
    options,
  );
}
