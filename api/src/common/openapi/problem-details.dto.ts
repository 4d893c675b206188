import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'title', description: 'The field, dotted for nested ones.' })
  field: string;

  @ApiProperty({ example: 'title must be shorter than or equal to 200 characters' })
  message: string;
}

/** RFC 9457 problem details: the body of every error of the API's own routes. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'about:blank', format: 'uri-reference' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400, minimum: 400, maximum: 599 })
  status: number;

  @ApiProperty({ example: 'The request is not valid.' })
  detail: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on validation failures.' })
  errors?: FieldErrorDto[];
}
