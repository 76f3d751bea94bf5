{{/* Labels every object carries. */}}
{{- define "microseg.labels" -}}
app.kubernetes.io/part-of: microseg
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
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

{{/* GPU scheduling: node selector, tolerations and runtime class from .Values.gpu. */}}
{{- define "microseg.gpuScheduling" -}}
{{- with .Values.gpu.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.gpu.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.gpu.runtimeClassName }}
runtimeClassName: {{ . }}
{{- end }}
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
