import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
}

const UNIQUE_VIOLATION = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

/** The one place errors become HTTP answers: JSON, never a stack trace. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (exception instanceof DomainException && exception.headers) void reply.headers(exception.headers);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainException) {
      return {
        statusCode: exception.status,
        error: HttpStatus[exception.status] ?? 'Error',
        message: exception.message,
        code: exception.code,
        ...(exception.details !== undefined ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
      const message = Array.isArray(raw.message) ? raw.message.join('; ') : String(raw.message ?? exception.message);
      return {
        statusCode: status,
        error: typeof raw.error === 'string' ? raw.error : (HttpStatus[status] ?? 'Error'),
        message,
        ...(raw.details !== undefined ? { details: raw.details } : {}),
      };
    }
    if (exception instanceof QueryFailedError && UNIQUE_VIOLATION.test(exception.message)) {
      return { statusCode: 409, error: 'Conflict', message: 'That record already exists' };
    }
    if (isFastifyClientError(exception)) {
      return {
        statusCode: exception.statusCode,
        error: HttpStatus[exception.statusCode] ?? 'Error',
        message: exception.message,
      };
    }
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Something went wrong on our side; it has been logged',
    };
  }
}

function isFastifyClientError(e: unknown): e is { statusCode: number; message: string } {
  const status = (e as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
