import { Module } from '@nestjs/common';
import { ServiceActExecutor } from './service-act.executor';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceRequest } from './service-request.entity';
import { ServicePublicController, ServiceReportController, ServiceRequestsController } from './service.controller';
import { ServiceRequestsService } from './service-requests.service';
import { ServiceKind } from './service.kind';

@Module({
  imports: [TypeOrmModule.forFeature([ServiceRequest])],
  controllers: [ServiceRequestsController, ServiceReportController, ServicePublicController],
  providers: [ServiceKind, ServiceActExecutor, ServiceRequestsService],
  exports: [ServiceRequestsService],
})
export class ServiceModule {}
