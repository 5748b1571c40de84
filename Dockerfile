# Static build: the SQLite driver is pure Go, so CGO stays off.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/govmp ./cmd/govmp && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/govmp /usr/local/bin/govmp
# The SQLite default needs a folder the non-root user can write; mount a volume here.
COPY --from=build --chown=65532:65532 /out/data /var/lib/govmp/data
WORKDIR /var/lib/govmp
VOLUME /var/lib/govmp/data
ENV GOVMP_HTTP_ADDR=:8080 \
    GOVMP_DB_DSN=sqlite:///var/lib/govmp/data/govmp.db \
    GOVMP_LOG_FORMAT=json
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/govmp"]
CMD ["serve"]
