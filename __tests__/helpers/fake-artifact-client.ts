/**
 * Stands in for the GitHub artifact service, which cannot run here. Same method signature and
 * return shape as DefaultArtifactClient.uploadArtifact, the same argument checks it makes before
 * talking to the service, and the same rule that a name can be uploaded once per run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ArtifactUploader } from '../../src/evidence/artifact-upload.js';
import type { UploadArtifactOptions, UploadArtifactResponse } from '@actions/artifact';

export interface RecordedUpload {
  name: string;
  files: string[];
  rootDirectory: string;
  options: UploadArtifactOptions | undefined;
}

export class FakeArtifactService implements ArtifactUploader {
  readonly uploads: RecordedUpload[] = [];
  private nextId = 4000;
  /** Make the next call fail the way the real client does, e.g. outside Actions. */
  failNextWith: Error | undefined;

  async uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: UploadArtifactOptions,
  ): Promise<UploadArtifactResponse> {
    const failure = this.failNextWith;
    this.failNextWith = undefined;
    if (failure) throw failure;
    if (!existsSync(rootDirectory) || !statSync(rootDirectory).isDirectory()) {
      throw new Error(`The provided rootDirectory ${rootDirectory} does not exist`);
    }
    const root = resolve(rootDirectory);
    const hash = createHash('sha256');
    let size = 0;
    for (const file of files) {
      const absolute = resolve(file);
      if (!existsSync(absolute)) throw new Error(`File ${file} does not exist`);
      if (!absolute.startsWith(root + sep)) {
        throw new Error(
          `The rootDirectory: ${root} is not a parent directory of the file: ${absolute}`,
        );
      }
      const content = readFileSync(absolute);
      hash.update(absolute.slice(root.length)).update(content);
      size += content.length;
    }
    if (this.uploads.some((upload) => upload.name === name)) {
      // What the service answers when a name is reused within a run.
      throw new Error(
        'Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run',
      );
    }
    this.uploads.push({ name, files: [...files], rootDirectory, options });
    return { id: this.nextId++, size, digest: hash.digest('hex') };
  }
}
