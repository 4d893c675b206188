import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class CompleteTaskDto {
  @ApiPropertyOptional({ default: true, description: 'false reopens the task.' })
  @IsOptional()
  @IsBoolean()
  completed?: boolean;
}
