/** DICOMweb (PS3.18): the client BlockPlan talks to a PACS with, and the ports it runs over. */
export { DicomWebClient, DEFAULT_TIMEOUTS, ACCEPT_DICOM_AS_STORED, ACCEPT_DICOM_DEFAULT, ACCEPT_JSON, targetPath } from './client';
export type { ClientOptions, Timeouts, RetrieveTarget, RetrieveProgress, RetrievedPart, RetrieveOptions, RetrieveOutcome } from './client';
export { storeInstances, parseStoreResponse, storeReasonText, type StoreItem, type StoreItemResult, type StoreStatus } from './stow';
export { pacsError, fromStatus, fromThrown, isRetriable, type ServerLabel, type PacsErrorKind } from './errors';
export { toDA, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type StudyQuery } from './qido';
export type { StudyResult, SeriesResult, InstanceResult, DicomJson } from './json';
export { MultipartParser, MultipartError, boundaryOf, buildMultipart } from './multipart';
export { CancelSource, NEVER_CANCELLED, TransportFailure, systemClock, sleep } from './transport';
export type { CancelSignal, Clock, ByteReader, DicomWebRequest, DicomWebResponse, DicomWebTransport, TransportFailureKind } from './transport';
export { fetchTransport, requestUrl, readerOf, type FetchLike, type FetchResponseLike } from './fetch-transport';
export { classifyNodeError, classifyChromiumError } from './transport-errors';
export { PacsServerSchema, AuthSchema, BaseUrlSchema, TimeoutsSchema, SecretSchema, ServerIdSchema, DEFAULT_SERVER_SETTINGS, authorizationHeader, serverIdFor, type PacsServer, type PacsAuth, type PacsServerInfo } from './server';
export { PacsHttpRequestSchema, isAllowedPath, MAX_STORE_BODY_BYTES, PASSED_RESPONSE_HEADERS, type PacsHttpRequest } from './routes';
export { connect, globalFetchTransport, type ServerSettings } from "./connect";
