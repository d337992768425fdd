import { Body, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { AdminController } from '../../common/admin-controller.decorator';
import { Roles } from '../roles';
import { CreatedUserDto, CreateUserDto, UpdateUserDto, UserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { IdParam } from '../../common/whole-number';

@AdminController('users', 'users')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedUserDto })
  create(@Body() dto: CreateUserDto): Promise<CreatedUserDto> {
    return this.users.create(dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  get(@IdParam() id: number): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ description: 'The last admin cannot be demoted or disabled' })
  update(@IdParam() id: number, @Body() dto: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The last admin cannot be removed' })
  remove(@IdParam() id: number): Promise<void> {
    return this.users.remove(id);
  }
}
