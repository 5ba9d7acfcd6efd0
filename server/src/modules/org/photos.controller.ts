import { Controller, Delete, Get, Param, Put, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MAX_PHOTO_MB, PHOTO_SIZE, PHOTO_TYPES, type Employee, type Team } from '@conveyor/shared';
import type { Request, Response } from 'express';
import { Access, Audit } from '../../common/access.js';
import { checkUpload } from './photo.processor.js';
import { PhotosService } from './photos.service.js';

const UPLOAD =
  `The body is the image itself (Content-Type ${PHOTO_TYPES.join(', ')}), at most ${MAX_PHOTO_MB} MB. ` +
  `It is turned upright by its EXIF orientation, cropped to a square, ${PHOTO_SIZE}×${PHOTO_SIZE} WebP without metadata. ` +
  '413 photo.too_large above the limit; 415 photo.not_image for another content type; 422 photo.not_image for bytes that are ' +
  'no JPEG, PNG, WebP or GIF, or a picture of more than 60 megapixels. Nothing is stored on a refusal.';

const photoAfter = (r: unknown): unknown => ({ photoUrl: (r as Employee | Team).photoUrl ?? null });

/** Photos of people and teams: managers upload and remove them; anyone may fetch a stored one by its hash. */
@ApiTags('people')
@ApiBearerAuth()
@Controller()
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Put('employees/:id/photo')
  @ApiOperation({ summary: 'Set an employee’s photo', description: UPLOAD })
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @Audit({
    action: 'employee.photo',
    before: (ref, req) => ref.get(PhotosService, { strict: false }).state('employee', String(req.params.id)),
    after: photoAfter,
  })
  setEmployeePhoto(@Param('id') id: string, @Req() req: Request): Promise<Employee> {
    checkUpload(req);
    return this.photos.setEmployeePhoto(id, req);
  }

  @Delete('employees/:id/photo')
  @ApiOperation({ summary: 'Remove an employee’s photo (screens show their initials)' })
  @Audit({
    action: 'employee.photo.remove',
    before: (ref, req) => ref.get(PhotosService, { strict: false }).state('employee', String(req.params.id)),
    after: photoAfter,
  })
  removeEmployeePhoto(@Param('id') id: string): Promise<Employee> {
    return this.photos.removeEmployeePhoto(id);
  }

  @Put('teams/:id/photo')
  @ApiOperation({ summary: 'Set a team’s photo', description: UPLOAD })
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @Audit({
    action: 'team.photo',
    before: (ref, req) => ref.get(PhotosService, { strict: false }).state('team', String(req.params.id)),
    after: photoAfter,
  })
  setTeamPhoto(@Param('id') id: string, @Req() req: Request): Promise<Team> {
    checkUpload(req);
    return this.photos.setTeamPhoto(id, req);
  }

  @Delete('teams/:id/photo')
  @ApiOperation({ summary: 'Remove a team’s photo' })
  @Audit({
    action: 'team.photo.remove',
    before: (ref, req) => ref.get(PhotosService, { strict: false }).state('team', String(req.params.id)),
    after: photoAfter,
  })
  removeTeamPhoto(@Param('id') id: string): Promise<Team> {
    return this.photos.removeTeamPhoto(id);
  }

  /**
   * Public: the address is a capability. It is the SHA-256 of the photo's bytes, which cannot be
   * guessed without the photo itself; screens and phones load it as an <img> without a token.
   */
  @Get('photos/:file')
  @Access('public')
  @ApiOperation({ summary: 'A stored photo, `<sha256>.webp` (public, cached for a year: its address changes with its bytes)' })
  @ApiProduces('image/webp')
  async photo(@Param('file') file: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const bytes = await this.photos.file(file);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    return new StreamableFile(bytes, { type: 'image/webp', length: bytes.length });
  }
}
