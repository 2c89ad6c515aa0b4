import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';

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

export class TokenResponseDto {
  @ApiProperty() token: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty() expiresAt: Date;
  @ApiProperty() user: { id: string; name: string; email: string; role: string };
}
