import { Injectable } from '@nestjs/common';

/** The one clock: injected so tests and jobs agree on "now". */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
