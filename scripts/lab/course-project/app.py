"""The course's afternoon project API: items kept in PostgreSQL, cached in Redis.

GET /api/items lists them (from Redis when cached), POST /api/items {"name": ...} adds one,
/health checks both backends and reports APP_VERSION. The database password is read from the
file named by DATABASE_PASSWORD_FILE (a Swarm secret) when the task starts, as the course does.
"""
import json
import os
import socket

import psycopg2
import redis
from flask import Flask, jsonify, request

app = Flask(__name__)
VERSION = os.environ.get("APP_VERSION", "1.0")
HOSTNAME = socket.gethostname()
with open(os.environ.get("DATABASE_PASSWORD_FILE", "/run/secrets/db_password")) as handle:
    DB_PASSWORD = handle.read().strip()
CACHE_KEY = "items"


def database():
    return psycopg2.connect(host=os.environ.get("DATABASE_HOST", "db"), user="postgres",
                            password=DB_PASSWORD, dbname="postgres", connect_timeout=2)


def cache():
    return redis.Redis(host=os.environ.get("REDIS_HOST", "redis"), socket_timeout=2, socket_connect_timeout=2)


def ensure_table(connection):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS items (id SERIAL PRIMARY KEY, name TEXT NOT NULL)")
        cursor.execute("SELECT count(*) FROM items")
        if cursor.fetchone()[0] == 0:
            cursor.execute("INSERT INTO items (name) VALUES ('swarm'), ('stack'), ('secret')")
    connection.commit()


@app.get("/api/items")
def list_items():
    cached = None
    try:
        cached = cache().get(CACHE_KEY)
    except redis.RedisError:
        pass
    if cached is not None:
        return jsonify(items=json.loads(cached), source="cache", version=VERSION, host=HOSTNAME)
    with database() as connection:
        ensure_table(connection)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, name FROM items ORDER BY id")
            items = [{"id": row[0], "name": row[1]} for row in cursor.fetchall()]
    try:
        cache().setex(CACHE_KEY, 10, json.dumps(items))
    except redis.RedisError:
        pass
    return jsonify(items=items, source="database", version=VERSION, host=HOSTNAME)


@app.post("/api/items")
def add_item():
    name = str((request.get_json(silent=True) or {}).get("name", "")).strip()
    if not name:
        return jsonify(error="name is required"), 400
    with database() as connection:
        ensure_table(connection)
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO items (name) VALUES (%s) RETURNING id", (name,))
            item_id = cursor.fetchone()[0]
        connection.commit()
    try:
        cache().delete(CACHE_KEY)
    except redis.RedisError:
        pass
    return jsonify(id=item_id, name=name), 201


@app.get("/health")
def health():
    checks = {}
    try:
        connection = database()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        connection.close()
        checks["database"] = "ok"
    except Exception as error:  # the reason is the point of a health check
        checks["database"] = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    try:
        cache().ping()
        checks["redis"] = "ok"
    except Exception as error:
        checks["redis"] = str(error) or type(error).__name__
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "failing", "version": VERSION, "host": HOSTNAME, "checks": checks}
    return jsonify(body), 200 if healthy else 503


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000, threaded=True)
