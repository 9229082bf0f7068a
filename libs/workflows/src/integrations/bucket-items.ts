import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inject, Injectable } from '@nestjs/common';
import type { EngineEffect, PendingOutcome } from '@switchyard/asl';
import { WORKFLOWS_OPTIONS, type WorkflowsOptions } from '../workflows.options';
import { parseItems, resultFiles, UnreadableItems } from './item-documents';

type ItemsRequest = Extract<EngineEffect, { type: 'items' }>['reader'];
type WriteRequest = Extract<EngineEffect, { type: 'written' }>['writer'];

const GET_OBJECT = /^arn:[^:]+:states:::s3:getObject$/;
const LIST_OBJECTS = /^arn:[^:]+:states:::s3:listObjectsV2$/;
const PUT_OBJECT = /^arn:[^:]+:states:::s3:putObject$/;

/**
 * Distributed Map item readers and result writers over the locations S3 bucket names lead to
 * (`SWITCHYARD_BUCKETS`: a folder, or an HTTP base URL): `s3:getObject` reads a JSON, JSONL or
 * CSV document's items, `s3:listObjectsV2` lists a folder's objects as items, and `s3:putObject`
 * (a ResultWriter) writes a run's results with a manifest, answering AWS's
 * `{MapRunArn, ResultWriterDetails}`.
 */
@Injectable()
export class BucketItems {
  constructor(@Inject(WORKFLOWS_OPTIONS) private readonly options: WorkflowsOptions) {}

  async read(reader: ItemsRequest): Promise<Extract<PendingOutcome, { type: 'items' }>> {
    const p = (reader.parameters ?? {}) as { Bucket?: unknown; Key?: unknown; Prefix?: unknown };
    try {
      const bucket = this.location(p.Bucket);
      if (GET_OBJECT.test(reader.resource)) {
        if (typeof p.Key !== 'string') throw new UnreadableItems("The ItemReader's Parameters need a Key.");
        const text = await this.get(`${bucket}/${p.Key}`);
        return { type: 'items', items: parseItems(text, reader.readerConfig) };
      }
      if (LIST_OBJECTS.test(reader.resource))
        return {
          type: 'items',
          items: await this.list(bucket, typeof p.Prefix === 'string' ? p.Prefix : ''),
        };
      throw new UnreadableItems(
        `The ItemReader resource '${reader.resource}' is not one this deployment reads (s3:getObject and s3:listObjectsV2 are).`,
      );
    } catch (e) {
      return { type: 'items', error: 'States.ItemReaderFailed', cause: (e as Error).message };
    }
  }

  async write(writer: WriteRequest): Promise<Extract<PendingOutcome, { type: 'written' }>> {
    const p = (writer.parameters ?? {}) as { Bucket?: unknown; Prefix?: unknown };
    try {
      if (!writer.resource || !PUT_OBJECT.test(writer.resource))
        throw new UnreadableItems(
          `The ResultWriter resource '${writer.resource ?? ''}' is not one this deployment writes with (s3:putObject is).`,
        );
      const bucket = this.location(p.Bucket);
      const runArn = writer.mapRunArn ?? 'unknown';
      const runId = runArn.slice(runArn.lastIndexOf(':') + 1);
      const prefix = [typeof p.Prefix === 'string' ? p.Prefix.replace(/\/+$/, '') : '', runId]
        .filter(Boolean)
        .join('/');
      const { files } = resultFiles(writer.results, writer.writerConfig ?? {});
      const written = [];
      for (const [name, content] of files) {
        await this.put(`${bucket}/${prefix}/${name}`, content);
        written.push({ Key: `${prefix}/${name}`, Size: Buffer.byteLength(content) });
      }
      const manifestKey = `${prefix}/manifest.json`;
      await this.put(
        `${bucket}/${manifestKey}`,
        JSON.stringify({
          DestinationBucket: p.Bucket,
          MapRunArn: runArn,
          ResultFiles: {
            SUCCEEDED: written.filter((f) => f.Key.includes('/SUCCEEDED_')),
            FAILED: written.filter((f) => f.Key.includes('/FAILED_')),
            PENDING: [],
          },
        }),
      );
      return {
        type: 'written',
        output: { MapRunArn: runArn, ResultWriterDetails: { Bucket: p.Bucket, Key: manifestKey } },
      };
    } catch (e) {
      return { type: 'written', error: 'States.ResultWriterFailed', cause: (e as Error).message };
    }
  }

  /** The location a bucket name leads to. */
  private location(bucket: unknown): string {
    const location = typeof bucket === 'string' ? this.options.buckets.get(bucket) : undefined;
    if (!location)
      throw new UnreadableItems(
        `The bucket ${JSON.stringify(bucket ?? null)} is not one this deployment knows (SWITCHYARD_BUCKETS names them).`,
      );
    return location;
  }

  private async get(url: string): Promise<string> {
    if (url.startsWith('file:')) return readFile(fileURLToPath(url), 'utf8');
    const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok)
      throw new UnreadableItems(`GET ${url} answered ${response.status} ${response.statusText}`);
    return response.text();
  }

  private async put(url: string, content: string): Promise<void> {
    if (url.startsWith('file:')) {
      const path = fileURLToPath(url);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      return;
    }
    const response = await fetch(url, { method: 'PUT', body: content, signal: AbortSignal.timeout(60_000) });
    if (!response.ok)
      throw new UnreadableItems(`PUT ${url} answered ${response.status} ${response.statusText}`);
  }

  /** A folder's objects under a prefix, as listObjectsV2 lists them. */
  private async list(bucket: string, prefix: string): Promise<unknown[]> {
    if (!bucket.startsWith('file:'))
      throw new UnreadableItems('s3:listObjectsV2 lists folder locations only (file://).');
    const root = fileURLToPath(bucket);
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const items = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = relative(root, join(entry.parentPath, entry.name)).split('\\').join('/');
      if (!key.startsWith(prefix)) continue;
      const info = await stat(join(entry.parentPath, entry.name));
      items.push({
        Etag: `"${info.size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`,
        Key: key,
        LastModified: info.mtime.toISOString(),
        Size: info.size,
        StorageClass: 'STANDARD',
      });
    }
    return items.sort((a, b) => (a.Key < b.Key ? -1 : 1));
  }
}
