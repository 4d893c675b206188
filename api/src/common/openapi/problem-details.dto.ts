import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'title', maxLength: 200, description: 'The field, dotted for nested ones.' })
  field: string;

  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters', maxLength: 1000 })
  message: string;
}

/** RFC 9457 problem details: the body of every error of the API's own routes. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'about:blank', format: 'uri-reference', maxLength: 2048 })
  type: string;

  @ApiProperty({ example: 'Bad Request', maxLength: 100 })
  title: string;

  @ApiProperty({ example: 400, minimum: 400, maximum: 599, type: 'integer', format: 'int32' })
  status: number;

  @ApiProperty({ example: 'The request is not valid.', maxLength: 10_000 })
  detail: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], maxItems: 1000, description: 'Present on validation failures.' })
  errors?: FieldErrorDto[];
}
