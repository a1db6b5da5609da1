"""The real binary given what it cannot use: `carebridge serve` with a setting it cannot read stops before opening
anything, says which setting and what it expected, and leaves no database behind; a command whose file cannot be read
or written says which and why, and fails."""
import os
import subprocess
import tempfile

BIN = os.path.abspath(os.environ.get("CAREBRIDGE_BIN", ".build/debug/carebridge"))


def serve(*args, **environment):
    directory = tempfile.mkdtemp()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CAREBRIDGE_DATA_KEY")}
    env.update(environment)
    result = subprocess.run([BIN, "serve", "--port", "0", *args], capture_output=True, text=True, timeout=60,
                            cwd=directory, env=env)
    return result, os.listdir(directory)


def test_a_setting_it_cannot_read_stops_start_up_naming_it():
    cases = [
        ({"CAREBRIDGE_TIMEZONE": "Europe/Minks"}, "CAREBRIDGE_TIMEZONE must be an IANA time zone such as Europe/Minsk, not 'Europe/Minks'."),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, not 'loud'."),
        ({"CAREBRIDGE_MAX_BODY_BYTES": "1MB"}, "CAREBRIDGE_MAX_BODY_BYTES must be a whole number of bytes above 0, not '1MB'."),
        ({"CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE": "maybe"}, "CAREBRIDGE_WEBHOOKS_ALLOW_PRIVATE must be true or false, not 'maybe'."),
        ({"CAREBRIDGE_CHECKPOINT_MS": "0"}, "CAREBRIDGE_CHECKPOINT_MS must be a whole number of milliseconds above 0, not '0'."),
        ({"DATABASE_URL": "postgres://carebridge@127.0.0.1:1/carebridge", "CAREBRIDGE_DATA_KEY": "A" * 43 + "="},
         "Cannot connect to PostgreSQL at 127.0.0.1:1: Connection refused"),
    ]
    for environment, message in cases:
        result, left = serve(**environment)
        assert result.returncode != 0, (environment, result.stdout[-500:])
        assert message in result.stderr, (environment, result.stderr)
        assert left == [], (environment, left)


def test_a_data_key_that_is_not_base64_is_refused_without_repeating_it():
    secret = "not-base64-but-a-secret!"
    result, left = serve(CAREBRIDGE_DATA_KEY=secret)
    assert result.returncode != 0
    assert "CAREBRIDGE_DATA_KEY must be 32 random bytes in base64" in result.stderr, result.stderr
    assert secret not in result.stderr + result.stdout
    assert left == []


def test_a_port_out_of_range_is_refused_not_wrapped_round():
    result, left = serve("--port", "99999")
    assert result.returncode != 0
    assert "--port must be from 0 to 65535, not 99999." in result.stderr, result.stderr
    assert left == []


def test_a_file_that_cannot_be_read_or_written_is_named_with_the_reason():
    directory = tempfile.mkdtemp()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CAREBRIDGE_DATA_KEY")}
    env["DATABASE_URL"] = os.path.join(directory, "cli.sqlite")
    nowhere = os.path.join(directory, "no-folder", "directory.json")
    result = subprocess.run([BIN, "export", "directory", "--output", nowhere], capture_output=True, text=True, timeout=120,
                            cwd=directory, env=env)
    assert result.returncode != 0
    assert f"Cannot write {nowhere}: No such file or directory." in result.stderr, result.stderr
    missing = os.path.join(directory, "people.csv")
    result = subprocess.run([BIN, "import", "people", missing, "--org", "red-cross"], capture_output=True, text=True,
                            timeout=120, cwd=directory, env=env)
    assert result.returncode != 0
    assert f"Cannot read {missing}: No such file or directory." in result.stderr, result.stderr
    # The demo writes its truth file last: a path it cannot write fails before any person is made.
    truth = os.path.join(directory, "no-folder", "truth.csv")
    demo = os.path.join(directory, "demo.sqlite")
    result = subprocess.run([BIN, "demo", "--people", "1000", "--truth", truth], capture_output=True, text=True,
                            timeout=120, cwd=directory, env={**env, "DATABASE_URL": demo})
    assert result.returncode != 0
    assert f"Cannot write {truth}: No such file or directory." in result.stderr, result.stderr
    assert not os.path.exists(demo)
