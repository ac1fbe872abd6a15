# The service image for docker compose (prod profile). Builds from source with the wrapper.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 paycallback
USER paycallback
WORKDIR /app
COPY --from=build /src/api/target/paycallback.jar /app/paycallback.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/paycallback.jar"]
