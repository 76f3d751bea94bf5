{{/* The chart's name (nameOverride): the part-of label and, with the release name, object names. */}}
{{- define "microseg.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 40 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object's name (fullnameOverride, else <release>-<name>, or the release name
alone when it already holds the name); services append their own name, so it stays short.
*/}}
{{- define "microseg.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := include "microseg.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The Kubernetes recommended labels, on every object and pod. Arguments (a dict): root; name (the
service: gateway, dataset...; default the chart's name for shared objects); component (its role:
api, web, worker, migration...; default the name).
*/}}
{{- define "microseg.labels" -}}
{{- $name := .name | default (include "microseg.name" .root) }}
app.kubernetes.io/name: {{ $name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/version: {{ .root.Values.image.tag | quote }}
app.kubernetes.io/component: {{ .component | default $name }}
app.kubernetes.io/part-of: {{ include "microseg.name" .root }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* What a Deployment selects its pods by (immutable: no version or chart in it). */}}
{{- define "microseg.selectorLabels" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/name: {{ .name }}
{{- end }}

{{/* The role of each service in the architecture (as in k8s/base). */}}
{{- define "microseg.component" -}}
{{- get (dict "gateway" "api" "console" "web" "inference" "worker" "training" "worker" "migrate" "migration") . | default . }}
{{- end }}

{{/*
Where a pod runs and what it carries, from the chart-wide values and the service's own (a dict:
root, values = the service's block, gpu = GPU scheduling). nodeSelector and podAnnotations merge
(the service's keys win), tolerations add up, the service's affinity replaces the chart-wide one.
*/}}
{{- define "microseg.podScheduling" -}}
{{- $v := .root.Values }}
{{- $local := .values | default dict }}
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- $nodeSelector := merge (deepCopy ($local.nodeSelector | default dict)) (deepCopy $v.nodeSelector) }}
{{- if .gpu }}{{ $nodeSelector = merge $nodeSelector (deepCopy $v.gpu.nodeSelector) }}{{ end }}
{{- with $nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- $tolerations := concat $v.tolerations ($local.tolerations | default list) }}
{{- if .gpu }}{{ $tolerations = concat $tolerations $v.gpu.tolerations }}{{ end }}
{{- with $tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with ($local.affinity | default $v.affinity) }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if .gpu }}
{{- with $v.gpu.runtimeClassName }}
runtimeClassName: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* Pod annotations: the chart-wide podAnnotations under the service's own (a dict: root, values). */}}
{{- define "microseg.podAnnotations" -}}
{{- $annotations := merge (deepCopy ((.values | default dict).podAnnotations | default dict)) (deepCopy .root.Values.podAnnotations) }}
{{- with $annotations }}
{{- toYaml . }}
{{- end }}
{{- end }}

{{/* extraEnv: the chart-wide entries, then the service's own (a dict: root, values). */}}
{{- define "microseg.extraEnv" -}}
{{- with concat .root.Values.extraEnv ((.values | default dict).extraEnv | default list) }}
{{- toYaml . }}
{{- end }}
{{- end }}

{{/* A container's resources: the chart-wide `resources` under the service's own (a dict: root, resources). */}}
{{- define "microseg.resources" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.resources) (deepCopy .resources)) }}
{{- end }}

{{/* <registry>/<name>:<tag> for a Dockerfile target. */}}
{{- define "microseg.image" -}}
{{ .root.Values.image.registry }}/{{ .name }}:{{ .root.Values.image.tag }}
{{- end }}

{{- define "microseg.natsUrl" -}}
{{- if .Values.nats.enabled }}nats://{{ .Release.Name }}-nats:4222{{ else }}{{ required "externalNats.url is required when nats.enabled is false" .Values.externalNats.url }}{{ end }}
{{- end }}

{{/* Where KEDA reads consumer lag: the headless service, whose pod names are the server names. */}}
{{- define "microseg.natsMonitoring" -}}
{{- if .Values.nats.enabled }}{{ .Release.Name }}-nats-headless.{{ .Release.Namespace }}.svc.cluster.local:8222{{ else }}{{ required "externalNats.monitoringEndpoint is required when nats.enabled is false" .Values.externalNats.monitoringEndpoint }}{{ end }}
{{- end }}

{{/* DATABASE_URL: composed from the PostgreSQL subchart's password, or the external URL's Secret. */}}
{{- define "microseg.databaseEnv" -}}
{{- if .Values.postgresql.enabled }}
- name: MICROSEG_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Release.Name }}-postgresql
      key: password
- name: DATABASE_URL
  value: postgres://{{ .Values.postgresql.auth.username }}:$(MICROSEG_DB_PASSWORD)@{{ .Release.Name }}-postgresql:5432/{{ .Values.postgresql.auth.database }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.names.database }}
      key: DATABASE_URL
{{- end }}
{{- end }}

{{- define "microseg.s3Env" -}}
{{- $minio := .Values.minio.enabled }}
- name: S3_ENDPOINT
{{- if $minio }}
  value: http://{{ .Release.Name }}-minio:9000
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.names.s3 }}
      key: S3_ENDPOINT
{{- end }}
- name: S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ if $minio }}{{ .Release.Name }}-minio{{ else }}{{ .Values.secrets.names.s3 }}{{ end }}
      key: {{ if $minio }}rootUser{{ else }}S3_ACCESS_KEY{{ end }}
- name: S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ if $minio }}{{ .Release.Name }}-minio{{ else }}{{ .Values.secrets.names.s3 }}{{ end }}
      key: {{ if $minio }}rootPassword{{ else }}S3_SECRET_KEY{{ end }}
{{- end }}

{{/* Pod and container hardening shared by every MicroSeg pod. */}}
{{- define "microseg.podSecurity" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "microseg.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}

{{/* Who a service is on NATS (its own user, its password) and the key that signs principals. */}}
{{- define "microseg.callerEnv" -}}
- name: NATS_USER
  value: {{ .name }}
- name: NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.secrets.names.nats }}
      key: {{ .name }}
- name: PRINCIPAL_SIGNING_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.secrets.names.principalSigningKey }}
      key: PRINCIPAL_SIGNING_KEY
{{- end }}
