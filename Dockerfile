# One image per service: docker build --build-arg SERVICE=lead-service .
# Stage 1 builds with the project's own Maven wrapper; stage 2 runs the Boot jar on a JRE.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl ${SERVICE} -am package

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 stageflow
ARG SERVICE
COPY --from=build /src/${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT.jar /app/service.jar
USER stageflow
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
