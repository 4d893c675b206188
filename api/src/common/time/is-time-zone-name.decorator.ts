import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isTimeZoneName } from './time-zone.js';

export function IsTimeZoneName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZoneName',
      validator: {
        validate: isTimeZoneName,
        defaultMessage: (args) => `${args?.property} must be an IANA time zone name such as Europe/Berlin or UTC`,
      },
    },
    options,
  );
}
