import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Role } from '../users/role.js';

export class LoginDto {
  @ApiProperty({ example: 'region@tilsyn.demo' })
  @IsEmail()
  @MaxLength(200)
  email: string;

  @ApiProperty({ example: 'tilsyn-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: Object.values(Role) }) role: Role;
}

export class TokenResponseDto {
  @ApiProperty({ description: 'Sendes som Authorization: Bearer <token>' }) token: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: Date;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
