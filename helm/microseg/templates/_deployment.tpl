{{/*
One MicroSeg Deployment. Arguments (a dict): root, name, values (the service's block of values:
its podAnnotations, nodeSelector, tolerations, affinity, extraEnv), image, replicas (omitted under
an autoscaler), resources (GPUs included; the chart-wide `resources` fill in), grace, env (extra env
YAML), gpu (GPU scheduling and the JIT cache volume), startupSeconds, httpPort (gateway).
*/}}
{{- define "microseg.deployment" -}}
{{- $root := .root }}
{{- $labels := dict "root" $root "name" .name "component" (include "microseg.component" .name) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "microseg.fullname" $root }}-{{ .name }}
  labels: {{- include "microseg.labels" $labels | nindent 4 }}
spec:
  {{- if .replicas }}
  replicas: {{ .replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels: {{- include "microseg.selectorLabels" $labels | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "microseg.labels" $labels | nindent 8 }}
        microseg.io/tier: app
        microseg.io/datastores: {{ ne .name "gateway" | quote }}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
        checksum/config: {{ include (print $root.Template.BasePath "/config.yaml") $root | sha256sum }}
        {{- with include "microseg.podAnnotations" (dict "root" $root "values" .values) }}
        {{- . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "microseg.fullname" $root }}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ .grace }}
      securityContext: {{- include "microseg.podSecurity" $root | nindent 8 }}
      {{- with include "microseg.podScheduling" (dict "root" $root "values" .values "gpu" .gpu) }}
      {{- . | nindent 6 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ .image }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          envFrom:
            - configMapRef:
                name: {{ include "microseg.fullname" $root }}-config
          env:
            {{- include "microseg.callerEnv" (dict "root" $root "name" .name) | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with include "microseg.extraEnv" (dict "root" $root "values" .values) }}
            {{- . | nindent 12 }}
            {{- end }}
          ports:
            {{- if .httpPort }}
            - name: http
              containerPort: {{ .httpPort }}
            {{- end }}
            - name: probes
              containerPort: 9090
          # /readyz turns 200 after migrations and, for the TensorFlow workers, the warm-up.
          startupProbe:
            httpGet: { path: /readyz, port: probes }
            periodSeconds: 10
            failureThreshold: {{ div .startupSeconds 10 }}
          readinessProbe:
            httpGet: { path: /readyz, port: probes }
            periodSeconds: 5
            failureThreshold: 2
          livenessProbe:
            httpGet: { path: /healthz, port: probes }
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          {{- if .httpPort }}
          lifecycle:
            preStop:
              exec:
                command: ["sleep", "5"]
          {{- end }}
          resources:
            {{- include "microseg.resources" (dict "root" $root "resources" .resources) | nindent 12 }}
          securityContext: {{- include "microseg.containerSecurity" $root | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .gpu }}
            - name: cuda-cache
              mountPath: /var/cache/cuda
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 2Gi
        {{- if .gpu }}
        - name: cuda-cache
          {{- if $root.Values.gpu.jitCacheClaimName }}
          persistentVolumeClaim:
            claimName: {{ $root.Values.gpu.jitCacheClaimName }}
          {{- else }}
          emptyDir:
            sizeLimit: 5Gi
          {{- end }}
        {{- end }}
{{- end }}
