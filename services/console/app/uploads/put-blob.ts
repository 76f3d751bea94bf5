/** The object store refused or never got a PUT; `words` is for the person who dropped the file. */
export class PutFailed extends Error {
  constructor(
    readonly words: string,
    readonly status: number,
  ) {
    super(words);
  }
}

/**
 * PUTs bytes to a presigned URL, reporting bytes sent; resolves with the ETag (each part's is needed
 * to complete a multipart upload). XMLHttpRequest because fetch reports no upload progress.
 */
export function putBlob(url: string, body: Blob, onProgress: (sentBytes: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(body.size);
        resolve(request.getResponseHeader('etag') ?? '');
        return;
      }
      const expired = /expired/i.test(request.responseText);
      reject(
        new PutFailed(
          expired
            ? 'The upload link expired before the file was sent (links last 15 minutes). Drop the file again.'
            : `The object store refused the file (HTTP ${request.status}). Drop it again; if it keeps failing, the service logs say why.`,
          request.status,
        ),
      );
    };
    request.onerror = () =>
      reject(new PutFailed('The object store cannot be reached from this browser (network, or its CORS rule does not allow this console). Nothing was saved.', 0));
    request.send(body);
  });
}
