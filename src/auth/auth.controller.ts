import { Body, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminController, Public } from '../common/admin-controller.decorator';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { AuthException } from './auth.exception';
import { LoginDto, SessionDto } from './dto/session.dto';
import { CurrentPrincipal, Principal } from './principal';
import { assertSameOrigin } from './request-origin';
import { Roles } from './roles';
import { SessionCookie } from './sessions/session-cookie';
import { SessionStore } from './sessions/session.store';
import { SignIn } from './sessions/sign-in';
import { UpdateMeDto } from './users/dto/user.dto';
import { sessionUser } from './users/user.view';
import { UsersService } from './users/users.service';

/** Sign-in for people using the web app. */
@AdminController('auth', 'auth')
export class AuthController {
  constructor(
    private readonly signIn: SignIn,
    private readonly sessions: SessionStore,
    private readonly cookie: SessionCookie,
    private readonly users: UsersService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'Sets the vm_session cookie' })
  @ApiUnauthorizedResponse({ description: 'Email or password is wrong' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts; Retry-After says how long to wait' })
  async login(
    @Body() dto: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    assertSameOrigin(request, this.config.publicUrl);
    const { user, session } = await this.signIn.execute({
      email: dto.email,
      password: dto.password,
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    this.cookie.set(reply, session);
    return { user: sessionUser(user), csrfToken: session.csrfToken };
  }

  @Get('me')
  @ApiOkResponse({ type: SessionDto })
  me(@CurrentPrincipal() principal: Principal): SessionDto {
    const person = signedInPerson(principal);
    return { user: sessionUser(person.user), csrfToken: person.csrfToken };
  }

  @Patch('me')
  @Roles('viewer')
  @ApiOkResponse({ type: SessionDto })
  async updateMe(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateMeDto): Promise<SessionDto> {
    const person = signedInPerson(principal);
    const user = await this.users.updateOwn(person.user, person.sessionId, dto);
    return { user: sessionUser(user), csrfToken: person.csrfToken };
  }

  // Public and idempotent: signing out with an expired session still clears the cookie.
  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is deleted and the cookie cleared' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    assertSameOrigin(request, this.config.publicUrl);
    const token = this.cookie.read(request);
    if (token) await this.sessions.end(token);
    this.cookie.clear(reply);
  }
}

function signedInPerson(principal: Principal): Extract<Principal, { kind: 'user' }> {
  if (principal.kind !== 'user')
    throw new AuthException(
      'sign_in_required',
      'API keys have no user account; this is for people signed in to the web app',
      401,
    );
  return principal;
}
